"""The benchmark: scale data and load on the real server (make bench)."""
