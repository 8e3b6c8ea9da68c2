"""The hospital's details, contacts, support services and content sign-offs: the hospital app's tables.

Before the split into apps these tables were the `decisionaid` app's (its migrations made them,
and still do on a new database). This migration only tells Django they are this app's now: the
tables keep their names and every row (Meta.db_table), and their content types move with them,
so staff permissions and the admin's history stay attached."""

import django.contrib.admin.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ('organisation', 'contact', 'supportservice', 'signoff', 'changerecord',)


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
        ('admin', '0003_logentry_add_action_flag_choices'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Organisation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(blank=True, help_text='As families know it, for example “Riverside Children’s Hospital”. Shown on About, the privacy page and the printed pages.', max_length=200, verbose_name='name of your hospital or service')),
                    ('runs_and_funds', models.TextField(blank=True, help_text='Shown on About.', verbose_name='who runs and funds this service')),
                    ('conflicts', models.TextField(blank=True, help_text='Shown on About.', verbose_name='conflicts of interest')),
                    ('published', models.CharField(blank=True, help_text='Shown on About, for example “January 2027”.', max_length=100, verbose_name='when this version was published')),
                    ('data_responsible', models.TextField(blank=True, help_text='Shown on the privacy page: for example your data protection officer and how to reach them.', verbose_name='who is responsible for families’ data')),
                    ('complaints', models.TextField(blank=True, help_text='Shown on the privacy page.', verbose_name='how to raise a concern or complain')),
                ],
                options={
                    'verbose_name': 'organisation’s details',
                    'verbose_name_plural': 'organisation’s details',
                    'db_table': 'decisionaid_organisation',
                },
            ),
            migrations.CreateModel(
                name='SupportService',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200)),
                    ('offers', models.TextField(max_length=500, verbose_name='what it offers')),
                    ('reach', models.CharField(blank=True, help_text='Shown as text, for example “0800 123 4567” or “example.org.uk/support”.', max_length=200, verbose_name='phone or web address')),
                    ('order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers are listed first.')),
                ],
                options={
                    'verbose_name': 'support service',
                    'db_table': 'decisionaid_supportservice',
                    'ordering': ['order', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='ChangeRecord',
                fields=[
                ],
                options={
                    'verbose_name': 'record of changes',
                    'verbose_name_plural': 'record of changes',
                    'proxy': True,
                    'indexes': [],
                    'constraints': [],
                },
                bases=('admin.logentry',),
                managers=[
                    ('objects', django.contrib.admin.models.LogEntryManager()),
                ],
            ),
            migrations.CreateModel(
                name='Contact',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('who', models.CharField(help_text='For example “Children’s cancer nurse specialists” or “Ward 7 (out of hours)”.', max_length=200)),
                    ('phone', models.CharField(max_length=50)),
                    ('when_to_call', models.CharField(blank=True, help_text='For example “Monday to Friday, 9am to 5pm” or “Any time, day or night”.', max_length=200, verbose_name='when to call')),
                    ('note', models.TextField(blank=True, max_length=500)),
                    ('urgent', models.BooleanField(default=False, help_text='The start page, the summary and the printed pages then say “If your child is unwell now, call …” with this contact. Only one contact can be this one.', verbose_name='call if the child is unwell now')),
                    ('order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers are listed first.')),
                ],
                options={
                    'db_table': 'decisionaid_contact',
                    'ordering': ['order', 'pk'],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('urgent', True)), fields=('urgent',), name='one_urgent_contact', violation_error_message='Only one contact can be the one to call if the child is unwell now. Untick it on the other contact first.')],
                },
            ),
            migrations.CreateModel(
                name='SignOff',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('file', models.CharField(help_text='Its path inside decisionaid/content/.', max_length=255)),
                    ('version', models.CharField(help_text="The SHA-256 of the file's text when it was signed off.", max_length=64)),
                    ('name', models.CharField(max_length=200)),
                    ('role', models.CharField(max_length=200)),
                    ('signed_on', models.DateField(verbose_name='signed off on')),
                    ('signed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'content sign-off',
                    'db_table': 'decisionaid_signoff',
                    'ordering': ['-signed_on', '-pk'],
                    'permissions': [('sign_off_content', 'Can sign off content as reviewed')],
                    'default_permissions': ('view',),
                    'indexes': [models.Index(fields=['file', 'version'], name='decisionaid_file_ae4541_idx')],
                },
            ),
        ]),
        migrations.RunPython(content_types_to('hospital', 'decisionaid'), content_types_to('decisionaid', 'hospital')),
    ]
