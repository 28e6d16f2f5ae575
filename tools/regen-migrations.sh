#!/usr/bin/env bash
# Regenerates the squashed InitialCreate for both providers in the current repo (run from the repo root after a build).
set -euo pipefail
rm -rf AdminCenter.Core/Persistence/Migrations
dotnet build AdminCenter.Core --nologo -v quiet >/dev/null
dotnet ef migrations add InitialCreate --project AdminCenter.Core --context AdminCenterDbContext --output-dir Persistence/Migrations/Sqlite --namespace AdminCenter.Core.Persistence.Migrations.Sqlite --no-build >/dev/null
dotnet ef migrations add InitialCreate --project AdminCenter.Core --context PostgreSqlAdminCenterDbContext --output-dir Persistence/Migrations/PostgreSql --namespace AdminCenter.Core.Persistence.Migrations.PostgreSql --no-build >/dev/null
mv AdminCenter.Core/AdminCenter/Core/Persistence/Migrations/Sqlite/*.cs AdminCenter.Core/Persistence/Migrations/Sqlite/
mv AdminCenter.Core/AdminCenter/Core/Persistence/Migrations/PostgreSql/*.cs AdminCenter.Core/Persistence/Migrations/PostgreSql/
rm -rf AdminCenter.Core/AdminCenter
python3 - <<'PY'
import glob
for p in glob.glob('AdminCenter.Core/Persistence/Migrations/*/*_InitialCreate.cs'):
    s=open(p).read()
    i=s.index('        /// <inheritdoc />\n        protected override void Down')
    j=s.rindex('        }\n',0,i)
    s=s[:j]+'''
            // The one piece of schema EF Core does not model: triggers keeping DirectoryVersion current (see there).
            migrationBuilder.Sql(DirectoryVersionTriggers.Create(migrationBuilder.ActiveProvider));
            // The status search's trigram indexes, also hand-written SQL (see there).
            migrationBuilder.Sql(StatusSearchIndex.Create(migrationBuilder.ActiveProvider));
            // The registration counters for the status report's totals (see there).
            migrationBuilder.Sql(StatusCounts.Create(migrationBuilder.ActiveProvider));
'''+('''            migrationBuilder.Sql(SqlDialect.PostgreSqlSchemaObjects);
''' if 'PostgreSql/' in p else '')+s[j:]
    head='protected override void Down(MigrationBuilder migrationBuilder)\n        {\n'
    k=s.index(head)+len(head)
    s=s[:k]+'''            migrationBuilder.Sql(StatusCounts.Drop(migrationBuilder.ActiveProvider));
            migrationBuilder.Sql(StatusSearchIndex.Drop(migrationBuilder.ActiveProvider));
            migrationBuilder.Sql(DirectoryVersionTriggers.Drop(migrationBuilder.ActiveProvider));

'''+s[k:]
    open(p,'w').write(s)
PY
dotnet build AdminCenter.sln --nologo -v quiet 2>&1 | grep -E "rror\(s\)|error" | sort -u | head
dotnet ef migrations has-pending-model-changes --project AdminCenter.Core --context AdminCenterDbContext --no-build
dotnet ef migrations has-pending-model-changes --project AdminCenter.Core --context PostgreSqlAdminCenterDbContext --no-build
# The fresh-database scripts (MigrationScript.cs) from the new migrations; test.sh fails when they are stale.
for context in AdminCenterDbContext:Sqlite PostgreSqlAdminCenterDbContext:PostgreSql; do
  dotnet ef migrations script --project AdminCenter.Core --no-build --context "${context%%:*}" -o "AdminCenter.Core/Persistence/MigrationScripts/${context##*:}.sql" >/dev/null
done
