from django.core.management.base import BaseCommand, CommandError

from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry


class Command(BaseCommand):
    help = "Nhật ký hệ thống: `audit verify` kiểm tra chuỗi băm không bị sửa."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Kiểm tra toàn bộ chuỗi nhật ký")

    def handle(self, *args, action, **options):
        broken = verify_chain()
        total = AuditEntry.objects.count()
        if broken is not None:
            raise CommandError(
                f"Chuỗi nhật ký bị phá vỡ tại mục #{broken.pk} ({broken.at:%d/%m/%Y %H:%M:%S}, {broken.kind}, "
                f"{broken.object_repr}): mục này hoặc mục trước nó đã bị sửa."
            )
        self.stdout.write(f"Chuỗi nhật ký nguyên vẹn: {total} mục.")
