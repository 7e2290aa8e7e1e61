"""Reading supplier files as they really are: format sniffing, sheet and header-row detection, column mapping.

Public API: :func:`read_suppliers` -> :class:`SupplierRead`.
"""

from screener.contracts import InputInfo, ReadLimits, SupplierRead
from screener.io.reader import decoding_warnings, read_suppliers

__all__ = ["InputInfo", "ReadLimits", "SupplierRead", "decoding_warnings", "read_suppliers"]
