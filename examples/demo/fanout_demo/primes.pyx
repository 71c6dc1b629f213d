# cython: language_level=3
def primes(int limit):
    cdef int n, d
    found = []
    for n in range(2, limit):
        for d in range(2, n):
            if n % d == 0:
                break
        else:
            found.append(n)
    return found


def demo():
    return primes(30)
