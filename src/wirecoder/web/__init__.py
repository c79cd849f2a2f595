"""``wirecoder serve``: a local web app and JSON API over a corpus database."""
