using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReasonSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationReasonSets",
                columns: table => new
                {
                    Fingerprint = table.Column<long>(type: "INTEGER", nullable: false),
                    ReasonsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationReasonSets", x => x.Fingerprint);
                });

            migrationBuilder.AddColumn<long>(
                name: "ReasonSetFingerprint",
                table: "RegistrationOutcomeChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Keep what was stored: current reasons under the registration's fingerprint, and each history entry's
            // summary in a set of its own, keyed by the negated entry id (fingerprints of earlier runs never recur).
            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO EvaluationReasonSets (Fingerprint, ReasonsJson, Summary)
                SELECT EvaluationFingerprint, ReasonsJson, '' FROM MamRegistrations;
                INSERT OR IGNORE INTO EvaluationReasonSets (Fingerprint, ReasonsJson, Summary)
                SELECT -Id, '[]', ReasonsSummary FROM RegistrationOutcomeChanges;
                UPDATE RegistrationOutcomeChanges SET ReasonSetFingerprint = -Id;
                """);

            // SQLite drops a plain column in place; EF's DropColumn would rebuild both big tables outside a transaction.
            migrationBuilder.Sql("""
                ALTER TABLE RegistrationOutcomeChanges DROP COLUMN ReasonsSummary;
                ALTER TABLE MamRegistrations DROP COLUMN ReasonsJson;
                """);

            migrationBuilder.DropIndex(
                name: "IX_GroupMembers_UserId",
                table: "GroupMembers");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_UserId_GroupId",
                table: "GroupMembers",
                columns: new[] { "UserId", "GroupId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReasonsSummary",
                table: "RegistrationOutcomeChanges",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReasonsJson",
                table: "MamRegistrations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.Sql("""
                UPDATE RegistrationOutcomeChanges SET ReasonsSummary = coalesce(
                    (SELECT s.Summary FROM EvaluationReasonSets AS s WHERE s.Fingerprint = RegistrationOutcomeChanges.ReasonSetFingerprint), '');
                UPDATE MamRegistrations SET ReasonsJson = coalesce(
                    (SELECT s.ReasonsJson FROM EvaluationReasonSets AS s WHERE s.Fingerprint = MamRegistrations.EvaluationFingerprint), '[]');
                """);

            migrationBuilder.DropTable(
                name: "EvaluationReasonSets");

            migrationBuilder.DropColumn(
                name: "ReasonSetFingerprint",
                table: "RegistrationOutcomeChanges");

            migrationBuilder.DropIndex(
                name: "IX_GroupMembers_UserId_GroupId",
                table: "GroupMembers");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_UserId",
                table: "GroupMembers",
                column: "UserId");
        }
    }
}
