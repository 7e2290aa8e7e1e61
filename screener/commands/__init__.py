"""Click commands, one module per command group. Each is a thin shell over the library API."""
