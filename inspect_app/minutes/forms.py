"""The upload form of the public verification page."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

MAX_VERIFY_BYTES = 20 * 1024 * 1024


class VerifyForm(FlaskForm):
    pdf = FileField("Tệp PDF biên bản", validators=[FileRequired("Hãy chọn tệp PDF.")],
                    description="Tệp biên bản kiểm tra đã tải về (PDF, tối đa 20 MB).")

    def read_pdf(self) -> bytes | None:
        """The uploaded bytes, or None with the reason added to the field's errors."""
        data = self.pdf.data.read(MAX_VERIFY_BYTES + 1)
        if len(data) > MAX_VERIFY_BYTES:
            self.pdf.errors.append("Tệp quá lớn (tối đa 20 MB).")
            return None
        if not data.lstrip()[:5] == b"%PDF-":
            self.pdf.errors.append("Tệp tải lên không phải là tệp PDF.")
            return None
        return data
