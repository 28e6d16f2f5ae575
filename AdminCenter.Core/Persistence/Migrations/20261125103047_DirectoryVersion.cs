using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A counter every change to what a user's evaluation depends on in the directory bumps: users (added,
            // removed, renamed, enabled or disabled), group memberships and policy assignments. Triggers, not
            // application code, so no writer can forget it; health report ingestion caches users while it is unchanged.
            migrationBuilder.Sql("""
                CREATE TABLE DirectoryVersion (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), Version INTEGER NOT NULL);
                INSERT INTO DirectoryVersion (Id, Version) VALUES (1, 0);
                CREATE TRIGGER DirectoryVersion_UserAdded AFTER INSERT ON Users BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_UserRemoved AFTER DELETE ON Users BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_UserChanged AFTER UPDATE OF Id, NormalizedUserPrincipalName, AccountEnabled ON Users
                    BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_MemberAdded AFTER INSERT ON GroupMembers BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_MemberRemoved AFTER DELETE ON GroupMembers BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_MemberChanged AFTER UPDATE ON GroupMembers BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_AssignmentAdded AFTER INSERT ON PolicyAssignments BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_AssignmentRemoved AFTER DELETE ON PolicyAssignments BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                CREATE TRIGGER DirectoryVersion_AssignmentChanged AFTER UPDATE ON PolicyAssignments BEGIN UPDATE DirectoryVersion SET Version = Version + 1; END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER DirectoryVersion_UserAdded;
                DROP TRIGGER DirectoryVersion_UserRemoved;
                DROP TRIGGER DirectoryVersion_UserChanged;
                DROP TRIGGER DirectoryVersion_MemberAdded;
                DROP TRIGGER DirectoryVersion_MemberRemoved;
                DROP TRIGGER DirectoryVersion_MemberChanged;
                DROP TRIGGER DirectoryVersion_AssignmentAdded;
                DROP TRIGGER DirectoryVersion_AssignmentRemoved;
                DROP TRIGGER DirectoryVersion_AssignmentChanged;
                DROP TABLE DirectoryVersion;
                """);
        }
    }
}
