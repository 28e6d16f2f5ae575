using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AssignmentFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FilterId",
                table: "PolicyAssignments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FilterMode",
                table: "PolicyAssignments",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Include");

            migrationBuilder.CreateTable(
                name: "AssignmentFilters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 3072, nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentFilters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAssignments_FilterId",
                table: "PolicyAssignments",
                column: "FilterId");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentFilters_NormalizedDisplayName",
                table: "AssignmentFilters",
                column: "NormalizedDisplayName",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_PolicyAssignments_AssignmentFilters_FilterId",
                table: "PolicyAssignments",
                column: "FilterId",
                principalTable: "AssignmentFilters",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PolicyAssignments_AssignmentFilters_FilterId",
                table: "PolicyAssignments");

            migrationBuilder.DropTable(
                name: "AssignmentFilters");

            migrationBuilder.DropIndex(
                name: "IX_PolicyAssignments_FilterId",
                table: "PolicyAssignments");

            migrationBuilder.DropColumn(
                name: "FilterId",
                table: "PolicyAssignments");

            migrationBuilder.DropColumn(
                name: "FilterMode",
                table: "PolicyAssignments");
        }
    }
}
