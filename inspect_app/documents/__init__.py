"""What every document the office issues shares: fonts, styles, the Nghị định 30/2020 form
(issuing body, number, place and date, "Nơi nhận", signature blocks) and the register of
outgoing documents. Minutes, remediation reports and round reports import from here; this
package imports from none of them.
"""
