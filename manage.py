#!/usr/bin/env python
from liaison.manage import main

if __name__ == "__main__":
    main()
