"""Screens of the province's QMS kits: the keeper's model sets, items and editions
(`keeper`), an agency's adoption, adopted items and update requests (`agency`), and DOST's
adoption table with its workbook (`table`)."""
