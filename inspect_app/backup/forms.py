"""The office's upload form for a device backup."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class BackupForm(FlaskForm):
    backup = FileField("Tệp sao lưu (.zip)", validators=[FileRequired("Hãy chọn tệp sao lưu.")],
                       description="Tệp đã xuất từ ứng dụng trên máy của người kiểm tra "
                                   "(“Xuất bản sao lưu”).")
