"""Contracts (uppdragsavtal): the terms of an assignment, its versions, the PDF, the carer's
acceptance and staff signature."""
