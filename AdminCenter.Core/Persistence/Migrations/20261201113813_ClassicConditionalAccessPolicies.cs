using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClassicConditionalAccessPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClassicPolicyState",
                table: "MobileThreatDefenseConnectors",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "NotCreated");

            migrationBuilder.CreateTable(
                name: "ClassicConditionalAccessPolicies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConnectorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassicConditionalAccessPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassicConditionalAccessPolicies_MobileThreatDefenseConnectors_ConnectorId",
                        column: x => x.ConnectorId,
                        principalTable: "MobileThreatDefenseConnectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClassicConditionalAccessPolicies_ConnectorId",
                table: "ClassicConditionalAccessPolicies",
                column: "ConnectorId",
                unique: true);

            // Third-party connectors provisioned before this migration get the policy their provisioning would have created.
            var names = string.Join(" ", Connectors.PartnerCatalog.All.Where(p => p.HasClassicConditionalAccessPolicy)
                .Select(p => $"WHEN '{p.ConnectorId}' THEN '{Connectors.ClassicConditionalAccessPolicy.NameFor(p).Replace("'", "''", StringComparison.Ordinal)}'"));
            migrationBuilder.Sql($"""
                INSERT INTO ClassicConditionalAccessPolicies (Id, ConnectorId, DisplayName, CreatedDateTime)
                SELECT lower(hex(randomblob(16))), Id, CASE Id {names} END, ActivatedDateTime
                FROM MobileThreatDefenseConnectors
                WHERE ActivatedDateTime IS NOT NULL AND (CASE Id {names} END) IS NOT NULL;
                UPDATE MobileThreatDefenseConnectors SET ClassicPolicyState = 'Active'
                WHERE Id IN (SELECT ConnectorId FROM ClassicConditionalAccessPolicies);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassicConditionalAccessPolicies");

            migrationBuilder.DropColumn(
                name: "ClassicPolicyState",
                table: "MobileThreatDefenseConnectors");
        }
    }
}
