# cython: language_level=3
cpdef long fib(int n):
    cdef long a = 0, b = 1
    for _ in range(n):
        a, b = b, a + b
    return a


def demo():
    return fib(50)
