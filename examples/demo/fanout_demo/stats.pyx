# cython: language_level=3, boundscheck=False
from array import array

include "common.pxi"


def mean(values):
    return mean_of(array('d', values))


def demo():
    return mean([1.0, 2.0, 3.0, 4.0])
