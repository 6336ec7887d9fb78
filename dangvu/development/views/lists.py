"""The board of candidates and the to-do list, on the one list machinery (development/lists.py)."""

from ..lists import CandidateBoard, TodoList

board = CandidateBoard.as_view()
todo = TodoList.as_view()
