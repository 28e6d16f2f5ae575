using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

// Cost per open tab: for each page, start the app fresh, keep one warm-up tab open on that page (JIT, caches and the
// page's shared data are then paid for), read the live heap after a full collection, open N more tabs on the same
// page, read it again, and print (after - before) / N. See BENCHMARKS.md, "Serving cost per open tab".
var options = CircuitCostOptions.Parse(args);
var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
Console.WriteLine($"chromium {browser.Version}, {options.Tabs} tabs per page");

var results = new List<(string Page, double KbPerCircuit, long Before, long After)>();
foreach (var target in options.Targets())
{
    await using var app = await AppProcess.StartAsync(options, target.NeedsAdminCenter, apiToken: target.FillLists);
    await using var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
    if (target.NeedsAdminCenter)
    {
        await SignInAsync(context);
    }

    if (target.FillLists)
    {
        await ListFiller.FillAsync(context, app.BaseUrl);
    }

    var path = await target.ResolvePathAsync(context);
    var warmUp = await OpenAsync(context, path, target);
    var before = await HeapAsync(options, app.Pid, $"{target.Name}-before");
    var tabs = new List<IPage>();
    for (var i = 0; i < options.Tabs; i++)
    {
        tabs.Add(await OpenAsync(context, path, target));
    }

    var after = await HeapAsync(options, app.Pid, $"{target.Name}-after");
    if (options.ShowTypes)
    {
        await PrintGrowthAsync(options, target.Name);
    }

    var kb = (after - before) / 1024.0 / options.Tabs;
    results.Add((target.Name, kb, before, after));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target.Name,-28} {path,-48} before {before / 1024,8} KB  after {after / 1024,8} KB  => {kb,7:F0} KB per circuit"));
}

Console.WriteLine();
Console.WriteLine("| Page | Live heap per idle circuit |");
Console.WriteLine("|---|---:|");
foreach (var (page, kb, _, _) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {page} | {kb:F0} KB |"));
}

return 0;

static async Task SignInAsync(IBrowserContext context)
{
    var page = await context.NewPageAsync();
    await page.GotoAsync("Account/Login");
    await page.GetByLabel("Email").FillAsync(AppProcess.AdminEmail);
    await page.GetByLabel("Password").FillAsync(AppProcess.AdminPassword);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
    await page.CloseAsync();
}

static async Task<IPage> OpenAsync(IBrowserContext context, string path, Target target)
{
    var page = await context.NewPageAsync();
    await page.GotoAsync(path);
    await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = 60_000 });
    await target.WaitReadyAsync(page);
    return page;
}

static async Task<long> HeapAsync(CircuitCostOptions options, int pid, string name)
{
    // gcdump's collection runs a full blocking GC first, so the dump holds live objects only.
    var file = Path.Combine(options.WorkDir, $"{name}.gcdump");
    File.Delete(file);
    await Tool.RunAsync(options.GcDump, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file]);
    var report = await Tool.RunAsync(options.GcDump, ["report", file]);
    // The report opens with the dump's total: "  1,800,336  GC Heap bytes" (live objects, after the collection).
    var match = Regex.Match(report, @"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline);
    var total = match.Success ? long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : 0;
    return total > 0 ? total : throw new InvalidOperationException($"No sizes in gcdump report:\n{report}");
}

// The types whose bytes grew most between the two dumps: what each circuit is made of. gcdump's report gives, per type
// and size band, the count and the size of one object of that band (its PrintReportHelper prints the type's size, not the
// band's total): their product is exact for fixed-size types and only an estimate for strings and arrays, whose sizes
// vary within a band. The per-circuit totals come from the dumps' "GC Heap bytes", which are exact.
static async Task PrintGrowthAsync(CircuitCostOptions options, string name)
{
    async Task<Dictionary<string, (long Bytes, long Count)>> SizesAsync(string suffix)
    {
        var report = await Tool.RunAsync(options.GcDump, ["report", Path.Combine(options.WorkDir, $"{name}-{suffix}.gcdump")]);
        var sizes = new Dictionary<string, (long Bytes, long Count)>();
        foreach (Match line in Regex.Matches(report, @"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*$", RegexOptions.Multiline))
        {
            // "System.String (Bytes > 1K)" and "System.String" are one type.
            var type = Regex.Replace(line.Groups[3].Value, @" \(Bytes > \d+K\)", "");
            var count = Number(line.Groups[2].Value);
            var (bytes, total) = sizes.GetValueOrDefault(type);
            sizes[type] = (bytes + (Number(line.Groups[1].Value) * count), total + count);
        }

        return sizes;
    }

    static long Number(string digits) => long.Parse(digits.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    var before = await SizesAsync("before");
    var after = await SizesAsync("after");
    var growth = after.Select(p => (Type: p.Key, Bytes: p.Value.Bytes - before.GetValueOrDefault(p.Key).Bytes, Count: p.Value.Count - before.GetValueOrDefault(p.Key).Count));
    Console.WriteLine("    (bytes of strings and arrays are estimates: count x the size of one object of each size band)");
    foreach (var (type, bytes, count) in growth.OrderByDescending(p => p.Bytes).Take(40))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    +{bytes / 1024.0 / options.Tabs,7:F1} KB {count / (double)options.Tabs,7:F1} objects per circuit  {type}"));
    }
}

// LinkOn: the page is the first item a list links to (the list's path, and what the link's address contains).
// FillLists: the demo tenant's lists are first filled past 50 rows (--lists, ListFiller).
internal sealed record Target(string Name, string Path, bool NeedsAdminCenter, string? ReadyText = null, int MinRows = 0, (string List, string Href)? LinkOn = null,
    bool FillLists = false)
{
    public async Task<string> ResolvePathAsync(IBrowserContext context)
    {
        if (MinRows > 0)
        {
            await WaitForRowsAsync(context);
        }

        if (LinkOn is not { } linkOn)
        {
            return Path;
        }

        // The demo tenant's first item, as its list links to it.
        var page = await context.NewPageAsync();
        await page.GotoAsync(linkOn.List);
        var link = page.Locator($"a[href*='{linkOn.Href}']:not([href*='create'])").First;
        await link.WaitForAsync(new() { Timeout = 60_000 });
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException($"No link to {linkOn.Href} on {linkOn.List}");
        await page.CloseAsync();
        return href.TrimStart('/');
    }

    // The demo tenant is seeded after the server listens: open the list again until the seeding has reached a full page.
    private async Task WaitForRowsAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await page.GotoAsync(Path);
            var rows = page.GetByRole(AriaRole.Row);
            // The header row, then a data row or the table's "nothing found" row once the first page has loaded.
            await rows.Nth(1).WaitForAsync(new() { Timeout = 60_000 });
            if (await rows.CountAsync() > MinRows || DateTime.UtcNow > deadline)
            {
                break;
            }
        }
        await page.CloseAsync();
    }

    public async Task WaitReadyAsync(IPage page)
    {
        if (ReadyText is { } text)
        {
            await page.GetByRole(AriaRole.Heading, new() { Name = text, Exact = true }).First.WaitForAsync(new() { Timeout = 60_000 });
        }

        if (MinRows > 0)
        {
            // Header row plus the page's data rows.
            await Assertions.Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(MinRows + 1, new() { Timeout = 60_000 });
        }
    }
}

// More: also the other pages that are not lists (tenant status, a role, a connector, a user, a group).
// Lists: also the lists the demo tenant leaves short of 50 rows, filled first (users, groups, sign-ins, wipe requests, audit events).
// Only: page name prefixes, separated by commas (e.g. "Empty,List" for the empty app and the filled lists).
internal sealed record CircuitCostOptions(string? AppDll, string? EmptyDll, int Tabs, string GcDump, string WorkDir, string? Only, bool ShowTypes, bool More,
    bool Lists)
{
    public static CircuitCostOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var work = Value("--work") ?? Directory.CreateTempSubdirectory("circuits").FullName;
        return new(Value("--app"), Value("--empty"), int.Parse(Value("--tabs") ?? "20", CultureInfo.InvariantCulture),
            Value("--gcdump") ?? "dotnet-gcdump", work, Value("--only"), args.Contains("--types"), args.Contains("--more"), args.Contains("--lists"));
    }

    public IEnumerable<Target> Targets() => AllTargets().Where(t => Only is null
        || Only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(prefix => t.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    private IEnumerable<Target> AllTargets()
    {
        if (EmptyDll is not null)
        {
            yield return new("Empty Blazor Server app", "", false);
        }

        if (AppDll is not null)
        {
            yield return new("Home", "", true);
            yield return new("App protection status (50 rows)", "apps/monitor/app-protection-status", true, MinRows: 50);
            yield return new("Policy properties", "", true, ReadyText: "Properties", LinkOn: ("apps/app-protection", "apps/app-protection/"));
            yield return new("Create policy wizard, Basics", "apps/app-protection/create/windows", true, ReadyText: "Basics");
            yield return new("Create filter wizard, Basics", "tenant-admin/filters/create", true, ReadyText: "Basics");
            yield return new("Create app configuration wizard, Basics", "apps/app-configuration/create/managed-apps", true, ReadyText: "Basics");
            yield return new("Create custom role wizard, Basics", "tenant-admin/roles/create/custom", true, ReadyText: "Basics");
            if (Lists)
            {
                // Each list pages 50 rows by default (no rows-per-page choice to make); the 51 rows waited for (header and
                // 50) say the page shows a full one.
                yield return new("List of users (50 rows)", "users", true, MinRows: 50, FillLists: true);
                yield return new("List of groups (50 rows)", "groups", true, MinRows: 50, FillLists: true);
                yield return new("List of sign-ins (50 rows)", "endpoint-security/sign-in-logs", true, MinRows: 50, FillLists: true);
                yield return new("List of wipe requests (50 rows)", "apps/selective-wipe", true, MinRows: 50, FillLists: true);
                yield return new("List of audit events (50 rows)", "tenant-admin/audit-logs", true, MinRows: 50, FillLists: true);
            }

            if (More)
            {
                yield return new("Tenant status", "tenant-admin/tenant-status", true, ReadyText: "Tenant status");
                yield return new("Role (Intune Administrator)", "tenant-admin/roles/Intune%20Administrator", true);
                yield return new("MTD connector (Windows Security Center)", "tenant-admin/connectors/mtd/e6f777f8-e4c2-4a5b-be01-50b5c124bc7f", true);
                yield return new("User", "", true, LinkOn: ("users", "users/"));
                yield return new("Group", "", true, LinkOn: ("groups", "groups/"));
            }
        }
    }
}

internal sealed class AppProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@contoso.onmicrosoft.com";
    public const string AdminPassword = "circuit-cost-benchmark-passphrase";
    public const string ApiToken = "circuit-cost-benchmark-api-token";

    private readonly Process process;
    private readonly string dataDir;

    private AppProcess(Process process, string baseUrl, string dataDir)
    {
        this.process = process;
        BaseUrl = baseUrl;
        this.dataDir = dataDir;
    }

    public string BaseUrl { get; }

    public int Pid => process.Id;

    public static async Task<AppProcess> StartAsync(CircuitCostOptions options, bool adminCenter, bool apiToken = false)
    {
        var dll = adminCenter ? options.AppDll! : options.EmptyDll!;
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/";
        var dataDir = Directory.CreateTempSubdirectory("circuits-app").FullName;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            WorkingDirectory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The README's configuration: Production, SQLite beside the app (here a fresh file), the demo tenant.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__AdminCenter"] = $"Data Source={System.IO.Path.Combine(dataDir, "admincenter.db")}";
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["Demo__Seed"] = "true";
        if (apiToken)
        {
            // The Global Administrator token the list filler's API calls carry; only then, so the other pages' tenant is as before.
            start.Environment["Bootstrap__ApiToken"] = ApiToken;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, baseUrl, dataDir);
        await app.WaitUntilServingAsync(adminCenter ? "healthz" : "");
        return app;
    }

    private async Task WaitUntilServingAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(path, UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{BaseUrl} did not answer within 2 minutes");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(dataDir, recursive: true);
    }
}

// --lists: the demo tenant leaves users, groups, sign-ins, wipe requests and audit events short of a 50-row page. Each is
// filled past it as the tenant itself would, through the app's own paths and never its database: an admin imports users,
// each in a new group of their own (Users > Import), then each user's Edge checks in (MAM), signs in (Conditional Access)
// and has its app data wiped (Graph), and every wipe is an audit event.
internal static class ListFiller
{
    // Past a page of 50 rows without counting the demo tenant's own.
    private const int Count = 60;
    private const string EdgeAppId = "com.microsoft.edge";

    public static async Task FillAsync(IBrowserContext context, string baseUrl)
    {
        var page = await context.NewPageAsync();
        await WaitForDemoTenantAsync(page);
        await ImportUsersAsync(page);
        // Leaving the page ends its circuit at once (Blazor's disconnect beacon); a closed tab's circuit would be retained
        // for 2 minutes and could expire between the two heap dumps.
        await page.GotoAsync("about:blank");
        await page.CloseAsync();

        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppProcess.ApiToken);
        for (var i = 1; i <= Count; i++)
        {
            var upn = UserPrincipalName(i);
            var device = $"circuit-device-{Number(i)}";
            await PostAsync(api, "mam/v1/checkIn", new { userPrincipalName = upn, appId = EdgeAppId, azureAdDeviceId = device, deviceName = $"CIRCUIT-{Number(i)}" });
            await PostAsync(api, "ca/v1/evaluate", new { userPrincipalName = upn, azureAdDeviceId = device, clientAppId = EdgeAppId, resource = "SharePoint Online" });
            await PostAsync(api, $"graph/beta/users/{Uri.EscapeDataString(upn)}/wipeManagedAppRegistrationsByAzureAdDeviceId", new { azureAdDeviceId = device });
        }
    }

    private static string Number(int i) => i.ToString("D2", CultureInfo.InvariantCulture);

    private static string UserPrincipalName(int i) => $"circuit.user{Number(i)}@contoso.com";

    // The demo tenant is seeded after the server listens, and not at all once the directory has users: the import waits
    // for its last step, the sign-ins (saved with its wipe requests).
    private static async Task WaitForDemoTenantAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await page.GotoAsync("endpoint-security/sign-in-logs");
            var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Details of the sign-in by" });
            var none = page.GetByText("No sign-ins yet");
            await signIn.Or(none).First.WaitForAsync(new() { Timeout = 60_000 });
            if (await signIn.CountAsync() > 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The demo tenant had no sign-ins within 2 minutes");
            }

            await Task.Delay(500);
        }
    }

    // The Bulk import users pane, as an admin pastes a CSV into it; groups the file names are created with it.
    private static async Task ImportUsersAsync(IPage page)
    {
        await page.GotoAsync("users");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var pane = page.GetByRole(AriaRole.Complementary, new() { Name = "Bulk import users" });
        var csv = Enumerable.Range(1, Count).Select(i => $"{UserPrincipalName(i)},Circuit User {Number(i)},Circuit group {Number(i)}");
        await pane.GetByLabel("CSV", new() { Exact = true }).FillAsync(string.Join('\n', csv.Prepend("userPrincipalName,displayName,groups")));
        await pane.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(pane.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{Count} created", new() { Timeout = 60_000 });
    }

    private static async Task PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

internal static class Tool
{
    public static async Task<string> RunAsync(string command, IEnumerable<string> arguments)
    {
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(parts[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in parts.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(part);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{command} failed: {await error}");
    }
}
