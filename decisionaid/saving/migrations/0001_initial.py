"""Saved plans, wrong return codes and their turns: the saving app's tables.

Before the split into apps these tables were the `decisionaid` app's (its migrations made them,
and still do on a new database). This migration only tells Django they are this app's now: the
tables keep their names and every row (Meta.db_table), and their content types move with them,
so staff permissions and the admin's history stay attached."""

from django.db import migrations, models

MODELS = ('savedplan', 'returnattempt', 'returnturn',)


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
                name='SavedPlan',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code_hash', models.CharField(max_length=64, unique=True)),
                    ('key_fingerprint', models.CharField(blank=True, default='', max_length=16)),
                    ('data', models.TextField()),
                    ('saved_at', models.DateTimeField()),
                    ('expires_at', models.DateTimeField(db_index=True)),
                ],
                options={
                    'db_table': 'decisionaid_savedplan',
                },
            ),
            migrations.CreateModel(
                name='ReturnAttempt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('client', models.CharField(max_length=64)),
                    ('at', models.DateTimeField(db_index=True)),
                ],
                options={
                    'db_table': 'decisionaid_returnattempt',
                    'indexes': [models.Index(fields=['client', 'at'], name='decisionaid_client_9d2677_idx')],
                },
            ),
            migrations.CreateModel(
                name='ReturnTurn',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('client', models.CharField(max_length=64)),
                    ('slot', models.BigIntegerField(db_index=True)),
                ],
                options={
                    'db_table': 'decisionaid_returnturn',
                    'constraints': [models.UniqueConstraint(fields=('client', 'slot'), name='one_turn_per_slot')],
                },
            ),
        ]),
        migrations.RunPython(content_types_to('saving', 'decisionaid'), content_types_to('decisionaid', 'saving')),
    ]
