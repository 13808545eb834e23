from brygga.core.ratelimit import within_limit


def test_the_limit_counts_per_key_within_the_window(time_machine):
    time_machine.move_to("2026-05-04 10:00 +02:00")
    assert [within_limit("a@test.example", 2) for _ in range(3)] == [True, True, False]
    assert within_limit("b@test.example", 2)  # another key counts on its own
    time_machine.move_to("2026-05-04 11:01 +02:00")
    assert within_limit("a@test.example", 2)  # a new window
