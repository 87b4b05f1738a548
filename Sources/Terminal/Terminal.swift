import CNCurses
import CNCursesShim
