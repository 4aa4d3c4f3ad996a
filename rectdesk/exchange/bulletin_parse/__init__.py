"""The pieces of the bulletin importer (the public entry points live in exchange.bulletin_import).

sources    bytes on disk -> text or docx blocks (encodings, size and format checks)
normalize  raw text -> clean paragraphs (PDF footers, metadata blocks, one-line text, spaces)
outline    paragraphs -> a tree of numbered headings (一、 > （一） > 1. > （1） > ①)
items      one heading with its body -> a problem and its measures
tables     a .docx 清单 table -> problems with owners and deadlines
document   the whole tree -> CampaignData (sections, categories, tail)
edits      the corrections the preview dialog offers (merge, split, re-level)
"""
