using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class JobsTemp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastPeriodStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastRunDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobRuns");
        }
    }
}
