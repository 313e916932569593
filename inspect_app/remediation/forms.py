"""Forms of the remediation pages. Plain values go to the operations, never the form."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..org.forms import REQUIRED
from ..photos import operations as photo_ops
from .operations import MAX_TEXT


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class ItemReportForm(FlaskForm):
    text = TextAreaField("Kết quả khắc phục",
                         validators=[DataRequired("Hãy mô tả việc đơn vị đã làm để khắc phục."),
                                     Length(max=MAX_TEXT)],
                         description="Đơn vị đã làm gì, khi nào, ai thực hiện.")
    photo = FileField("Ảnh minh chứng",
                      description="Ảnh JPEG, PNG hoặc WebP, chụp trực tiếp hoặc chọn từ máy "
                                  "(tối đa 10 MB). Ảnh được thu nhỏ và xoá thông tin vị trí.")

    def read_photo(self) -> bytes | None:
        """The uploaded bytes (one past the limit at most, so the pipeline says it is too big)."""
        upload = self.photo.data
        if upload is None or not getattr(upload, "filename", None):
            return None
        return upload.read(photo_ops.max_bytes() + 1)


class SendReportForm(FlaskForm):
    number = StringField("Số văn bản", validators=[Optional(), Length(max=64)],
                         description="Số báo cáo theo sổ văn bản của đơn vị, ví dụ 15/BC-UBND "
                                     "(có thể để trống).")
    signer_name = StringField("Người ký báo cáo",
                              validators=[DataRequired(REQUIRED), Length(max=120)])
    signer_title = StringField("Chức vụ", validators=[Optional(), Length(max=120)])
    note = TextAreaField("Đề xuất, kiến nghị", validators=[Optional(), Length(max=MAX_TEXT)])


class ReopenForm(FlaskForm):
    reason = TextAreaField("Lý do yêu cầu khắc phục lại",
                           validators=[DataRequired("Hãy nêu lý do yêu cầu khắc phục lại."),
                                       Length(max=MAX_TEXT)])
    deadline = DateField("Thời hạn mới", validators=[Optional()],
                         description="Để trống nếu giữ thời hạn cũ.")
