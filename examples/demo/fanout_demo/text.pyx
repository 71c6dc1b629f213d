# cython: language_level=3
def shout(str s):
    return s.upper() + "!"


def demo():
    return shout("fan out")
