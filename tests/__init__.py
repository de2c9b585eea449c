"""What tests share besides fixtures."""

# The password of every staff member made by the make_staff fixture.
STAFF_PASSWORD = "correct horse battery staple"
