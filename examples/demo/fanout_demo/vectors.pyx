# distutils: language = c++
# cython: language_level=3
from libcpp.vector cimport vector
from libcpp.string cimport string


def squares(int n):
    cdef vector[int] v
    for i in range(n):
        v.push_back(i * i)
    return list(v)


def demo():
    cdef string s = b"c++ says hi"
    return (squares(5), s.decode())
