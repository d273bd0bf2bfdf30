"""The benchmark's pure-Python backend: a 1-D array over a list of floats, with the API the
board workload uses."""


class array:
    __slots__ = ("data",)

    def __init__(self, data):
        self.data = [float(x) for x in data]

    @property
    def size(self):
        return len(self.data)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.data[index]

    def tolist(self):
        return list(self.data)

    def _combine(self, other, op):
        if isinstance(other, array):
            if len(other.data) != len(self.data):
                raise ValueError("operands could not be broadcast together")
            return array([op(x, y) for x, y in zip(self.data, other.data)])
        return array([op(x, other) for x in self.data])

    def __add__(self, other):
        return self._combine(other, float.__add__)

    def __radd__(self, other):
        return array([other + x for x in self.data])

    def __sub__(self, other):
        return self._combine(other, float.__sub__)

    def __rsub__(self, other):
        return array([other - x for x in self.data])

    def __mul__(self, other):
        return self._combine(other, float.__mul__)

    def __rmul__(self, other):
        return array([other * x for x in self.data])

    def __truediv__(self, other):
        return self._combine(other, float.__truediv__)

    def __neg__(self):
        return array([-x for x in self.data])
