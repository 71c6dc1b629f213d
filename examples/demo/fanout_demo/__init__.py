"""cython-fanout's demo package: every module has a demo() that returns something to print."""
