"""The performance benchmark (`make bench`): a synthetic dataset and the pages it times.

Not a domain app: it sits at the top of the layers next to the demo, depends on every app and
nothing depends on it. It is installed only by the benchmark's settings (`brygga.conf.bench`),
where it also registers the technical-admin changelists the staff lists are compared with.
See ADR 0030.
"""
