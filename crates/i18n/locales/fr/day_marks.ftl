# The live board: staff mark a table's meeting held or no-show (the buttons' names say which table)
day-board-mark = Pointage
day-board-held = Tenue
day-board-no-show = Absence
day-board-mark-held = Tenue — { $table }
day-board-mark-no-show = Absence — { $table }
