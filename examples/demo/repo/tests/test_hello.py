import unittest

from greeter.hello import hello


class HelloTests(unittest.TestCase):
    def test_greets_by_name(self):
        self.assertEqual(hello("Ada"), "Hello, Ada!")


if __name__ == "__main__":
    unittest.main()
