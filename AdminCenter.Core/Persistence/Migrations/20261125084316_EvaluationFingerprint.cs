using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationFingerprint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "EvaluationFingerprint",
                table: "MamRegistrations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EvaluationFingerprint",
                table: "MamRegistrations");
        }
    }
}
