"""`python -m lathe_parallel ...`: see driver.main."""
import sys

from lathe_parallel.driver import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
