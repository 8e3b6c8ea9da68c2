"""The models move to their apps (saving, printing, hospital): Django forgets them here, and
nothing in the database changes. Their tables stay, under the same names, as those apps' own."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('decisionaid', '0006_printable_pdfs'),
        ('saving', '0001_initial'),
        ('printing', '0001_initial'),
        ('hospital', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveConstraint(
                model_name='contact',
                name='one_urgent_contact',
            ),
            migrations.DeleteModel(
                name='Contact',
            ),
            migrations.DeleteModel(
                name='Organisation',
            ),
            migrations.RemoveIndex(
                model_name='pdfrender',
                name='decisionaid_client_8aee36_idx',
            ),
            migrations.DeleteModel(
                name='PdfRender',
            ),
            migrations.DeleteModel(
                name='PrintablePdf',
            ),
            migrations.RemoveIndex(
                model_name='returnattempt',
                name='decisionaid_client_9d2677_idx',
            ),
            migrations.DeleteModel(
                name='ReturnAttempt',
            ),
            migrations.RemoveConstraint(
                model_name='returnturn',
                name='one_turn_per_slot',
            ),
            migrations.DeleteModel(
                name='ReturnTurn',
            ),
            migrations.DeleteModel(
                name='SavedPlan',
            ),
            migrations.RemoveIndex(
                model_name='signoff',
                name='decisionaid_file_ae4541_idx',
            ),
            migrations.DeleteModel(
                name='SupportService',
            ),
            migrations.DeleteModel(
                name='ChangeRecord',
            ),
            migrations.DeleteModel(
                name='SignOff',
            ),
        ]),
    ]
