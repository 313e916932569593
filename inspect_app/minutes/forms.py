"""The upload form of the public verification page."""
from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

MAX_VERIFY_BYTES = 20 * 1024 * 1024


class VerifyForm(FlaskForm):
    pdf = FileField("Tệp PDF biên bản", validators=[FileRequired("Hãy chọn tệp PDF.")],
                    description="Tệp biên bản kiểm tra đã tải về (PDF, tối đa 20 MB).")

    def read_pdf(self) -> bytes | None:
        """The uploaded bytes, or None with the reason added to the field's errors."""
        limit = current_app.config.get("VERIFY_MAX_BYTES", MAX_VERIFY_BYTES)
        data = self.pdf.data.read(limit + 1)
        if len(data) > limit:
            self.pdf.errors.append("Tệp quá lớn (tối đa 20 MB).")
            return None
        if data.lstrip()[:5] != b"%PDF-":
            self.pdf.errors.append("Tệp tải lên không phải là tệp PDF.")
            return None
        return data
