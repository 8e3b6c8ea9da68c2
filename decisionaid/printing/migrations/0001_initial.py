"""The PDFs made and the printables kept: the printing app's tables.

Before the split into apps these tables were the `decisionaid` app's (its migrations made them,
and still do on a new database). This migration only tells Django they are this app's now: the
tables keep their names and every row (Meta.db_table), and their content types move with them,
so staff permissions and the admin's history stay attached."""

from django.db import migrations, models

MODELS = ('pdfrender', 'printablepdf',)


def content_types_to(app_label, from_label):
    def move(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.filter(app_label=from_label, model__in=MODELS).update(app_label=app_label)
    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('decisionaid', '0006_printable_pdfs'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='PrintablePdf',
                fields=[
                    ('html_hash', models.CharField(max_length=64, primary_key=True, serialize=False)),
                    ('pdf', models.BinaryField()),
                    ('made_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ],
                options={
                    'db_table': 'decisionaid_printablepdf',
                },
            ),
            migrations.CreateModel(
                name='PdfRender',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('client', models.CharField(max_length=64)),
                    ('at', models.DateTimeField(db_index=True)),
                ],
                options={
                    'db_table': 'decisionaid_pdfrender',
                    'indexes': [models.Index(fields=['client', 'at'], name='decisionaid_client_8aee36_idx')],
                },
            ),
        ]),
        migrations.RunPython(content_types_to('printing', 'decisionaid'), content_types_to('decisionaid', 'printing')),
    ]
