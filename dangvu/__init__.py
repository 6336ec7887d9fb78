"""dangvu: records, figures and reports for the party-building work of a Party Committee."""
