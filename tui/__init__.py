"""nato-brief's terminal app and command line: thin layers over ``search``."""
