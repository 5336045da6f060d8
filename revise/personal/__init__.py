"""Personal scheduling: FSRS fitted to the learner's own review log, their workload simulated.

`optimize` reads the answers, fits each group of cards (the collection, each deck override, or
--deck), saves better parameters in config.toml and recomputes the cards' memory states, all or
nothing; `simulate` forecasts the work a desired retention asks for.
"""

from revise.personal.optimize import GroupFit, Optimized, optimize  # noqa: F401
from revise.personal.simulate import Workload, simulate_workload, workload_table  # noqa: F401
