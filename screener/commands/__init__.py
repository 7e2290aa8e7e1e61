"""Click commands, one module per command group. Each is a thin shell over the library API.

The commands import the library inside the function that runs them, not at the top: every CLI start imports all
of them (`screener --help` too). Measured on the shared 2-core machine (load average 10): `import screener.cli`
0.7-0.9 s, and 1.0-1.5 s more with every command's imports at the top (numpy, scipy, rapidfuzz, openpyxl).
"""
