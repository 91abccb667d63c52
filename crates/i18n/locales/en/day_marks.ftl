# The live board: staff mark a table's meeting held or no-show (the buttons' names say which table)
day-board-mark = Attendance
day-board-held = Held
day-board-no-show = No-show
day-board-mark-held = Held — { $table }
day-board-mark-no-show = No-show — { $table }
