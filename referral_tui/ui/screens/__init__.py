"""Full screens: the board and everything reached from it, one screen per module."""
