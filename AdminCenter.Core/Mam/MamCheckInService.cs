using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminCenter.Core.Mam;

/// <summary>A MAM client's check-in (spec 04, 05 §3): who, which app, which device, and what it runs.</summary>
public sealed record CheckInRequest(
    [FieldKind(FieldKind.UserPrincipalName)] string UserPrincipalName,
    [FieldKind(FieldKind.Identifier)] string AppId,
    [FieldKind(FieldKind.Identifier)] string AzureAdDeviceId,
    [FieldKind(FieldKind.Name)] string? DeviceName = null,
    [FieldKind(FieldKind.Name)] string? DeviceModel = null,
    [FieldKind(FieldKind.Name)] string? DeviceManufacturer = null,
    [FieldKind(FieldKind.Version)] string? PlatformVersion = null,
    [FieldKind(FieldKind.Version)] string? AppVersion = null,
    [FieldKind(FieldKind.Version)] string? SdkVersion = null);

/// <summary>The answer to a check-in: the outcome with its reasons and the policies the app must enforce.</summary>
public sealed record CheckInResult(
    string RegistrationId,
    EvaluationOutcome Outcome,
    IReadOnlyList<ExplainedReason> Reasons,
    IReadOnlyList<ApplicablePolicy> Policies,
    bool WipeRequested,
    int NextCheckInSeconds,
    AppConfigurationDeliveryResult? AppConfiguration = null);

/// <summary>MAM check-in, sign-out and wipe result: registrations per (user, app, device) and their evaluation.</summary>
public sealed partial class MamCheckInService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    MtdConnectorService connectors,
    WipeService wipes,
    TimeProvider timeProvider,
    ILogger<MamCheckInService> logger)
{
    public const int NextCheckInSeconds = 1800;

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>For callers that bring their own clock outside DI (the demo seeder): wipe requests follow that clock too.</summary>
    public MamCheckInService(
        IDbContextFactory<AdminCenterDbContext> dbFactory,
        MtdConnectorService connectors,
        TimeProvider timeProvider,
        ILogger<MamCheckInService> logger)
        : this(dbFactory, connectors, new WipeService(dbFactory, timeProvider, NullLogger<WipeService>.Instance), timeProvider, logger)
    {
    }

    public async Task<ServiceResult<CheckInResult>> CheckInAsync(CheckInRequest request, CancellationToken cancellationToken = default)
    {
        var problems = Validate(request.UserPrincipalName, request.AppId, request.AzureAdDeviceId);
        AddDeviceProblems(problems, request);
        if (problems.Count > 0)
        {
            return ServiceResult<CheckInResult>.Invalid(problems);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await FindUserAsync(db, request.UserPrincipalName, cancellationToken);
        if (user is null)
        {
            return ServiceResult<CheckInResult>.NotFound("userPrincipalName",
                $"There is no user '{request.UserPrincipalName}' in the directory; an admin must add the user before the app can enroll.");
        }

        // The check-in is Windows Security Center's sign of life: activate it before evaluating, so this very
        // evaluation already sees the connector working (spec 02: first MAM enrollment or first policy delivery).
        // It writes through its own connection, so it comes before this check-in takes the write lock below.
        await connectors.RecordAppProtectionActivityAsync(await DescribeActivityAsync(db, user, request, cancellationToken), cancellationToken);

        // Two instances enrolling the same registration at the same moment: one insert wins the unique index, the other
        // checks in again onto the row it created (SQLite serializes writers, so there it never happens).
        try
        {
            return await CheckInRegistrationAsync(user, request, cancellationToken);
        }
        catch (DbUpdateException ex) when (SqlDialect.IsUniqueViolation(ex.InnerException))
        {
            return await CheckInRegistrationAsync(user, request, cancellationToken);
        }
    }

    private async Task<ServiceResult<CheckInResult>> CheckInRegistrationAsync(DirectoryUser user, CheckInRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Read and write in one write transaction, the registration locked (SQLite: the database) before it is read: a
        // re-evaluation pass or another check-in committing in between would otherwise be overwritten with an outcome
        // computed from the state read before it. Of two check-ins of one registration, the one committed last wins.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RegistrationStateWriter.LockForCheckInAsync(db, user.Id, request.AppId, request.AzureAdDeviceId, cancellationToken);
        var accountEnabled = await db.DirectoryUsers.Where(u => u.Id == user.Id).Select(u => u.AccountEnabled).SingleOrDefaultAsync(cancellationToken);
        var groupIds = await LoadGroupIdsAsync(db, user.Id, cancellationToken);
        var registration = await db.MamRegistrations.SingleOrDefaultAsync(
            r => r.UserId == user.Id && r.AppId == request.AppId && r.AzureAdDeviceId == request.AzureAdDeviceId, cancellationToken);
        var context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);

        var now = UtcNow;
        var isNew = registration is null;
        registration ??= db.MamRegistrations.Add(MamRegistration.Enroll(user.Id, user.UserPrincipalName, request.AppId, request.AzureAdDeviceId, now)).Entity;
        registration.CheckIn(new MamDeviceInfo(request.DeviceName, request.DeviceModel, request.DeviceManufacturer,
            request.PlatformVersion, request.AppVersion, request.SdkVersion), now);

        var evaluator = new RegistrationEvaluator(context);
        evaluator.Evaluate(request.AppId, groupIds, new RegistrationFacts(accountEnabled, registration.PlatformVersion, registration.AppVersion,
            registration.SdkVersion, registration.LastCheckInDateTime, registration.ThreatLevel, registration.ThreatConnectorId,
            registration.DeviceManufacturer, registration.DeviceModel), now);
        var evaluation = evaluator.Explain();
        await RegistrationStateWriter.ApplyCheckInAsync(db, registration, evaluation, isNew, now, cancellationToken);
        // Saved with the check-in: a Wipe outcome or the User-Level Wipe list creates a request, and a pending one is delivered now.
        var wipeRequested = await wipes.ApplyAtCheckInAsync(db, registration, evaluation.Outcome == EvaluationOutcome.Wipe, cancellationToken);
        // App configuration (spec 07) is delivered and recorded with the same save, so the status report shows what the app got.
        var appConfiguration = await AppConfigurationCheckIn.DeliverAsync(db, registration, user, groupIds, context.Filters, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (isNew)
        {
            LogEnrolled(user.UserPrincipalName, request.AppId, request.AzureAdDeviceId);
        }

        var delivered = evaluator.ApplicablePolicies().Select(p => new ApplicablePolicy(p.Id, p.DisplayName, p.Settings)).ToList();
        return ServiceResult<CheckInResult>.Success(new CheckInResult(
            registration.Id, evaluation.Outcome, evaluation.Reasons, delivered, wipeRequested, NextCheckInSeconds, appConfiguration));
    }

    // Why Windows Security Center counts this check-in as activity: the first enrollment, or a policy delivered. The
    // cause is only recorded when a connector changes state, so while every activated connector is Enabled (the
    // usual case) no policy is looked up for it.
    private static async Task<string> DescribeActivityAsync(AdminCenterDbContext db, DirectoryUser user, CheckInRequest request, CancellationToken cancellationToken)
    {
        var connectors = await db.MobileThreatDefenseConnectors.AsNoTracking().ToListAsync(cancellationToken);
        if (!connectors.Any(c => c.Partner.IsActivatedByAppProtection && c.PartnerState != ConnectorPartnerState.Enabled))
        {
            return $"MAM check-in from {user.UserPrincipalName}";
        }
        if (!await db.MamRegistrations.AnyAsync(cancellationToken))
        {
            return $"first MAM enrollment in the tenant ({user.UserPrincipalName})";
        }
        var context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);
        var applicable = new CompiledPolicy[context.Policies.Count];
        var applicableCount = context.SelectApplicable(request.AppId, await LoadGroupIdsAsync(db, user.Id, cancellationToken), applicable);
        return applicableCount > 0
            ? $"app protection policy {applicable[0].DisplayName} delivered to {user.UserPrincipalName}"
            : $"MAM check-in from {user.UserPrincipalName}";
    }

    private static async Task<HashSet<string>> LoadGroupIdsAsync(AdminCenterDbContext db, string userId, CancellationToken cancellationToken) =>
        (await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The user signed out of the org account in the app: the registration ends and leaves the reports.</summary>
    public async Task<ServiceResult<string>> SignOutAsync(string userPrincipalName, string appId, string azureAdDeviceId, CancellationToken cancellationToken = default)
    {
        var problems = Validate(userPrincipalName, appId, azureAdDeviceId);
        if (problems.Count > 0)
        {
            return ServiceResult<string>.Invalid(problems);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = DirectoryUser.Normalize(userPrincipalName);
        var registration = await db.MamRegistrations
            .Where(r => r.AppId == appId && r.AzureAdDeviceId == azureAdDeviceId)
            .Join(db.DirectoryUsers.Where(u => u.NormalizedUserPrincipalName == normalized), r => r.UserId, u => u.Id, (r, _) => r)
            .SingleOrDefaultAsync(cancellationToken);
        if (registration is null)
        {
            return ServiceResult<string>.NotFound("userPrincipalName", $"'{userPrincipalName}' has no registration of {appId} on device {azureAdDeviceId}.");
        }
        db.MamRegistrations.Remove(registration);
        await db.SaveChangesAsync(cancellationToken);
        LogSignedOut(registration.UserPrincipalName, appId, azureAdDeviceId);
        return ServiceResult<string>.Success(registration.Id);
    }

    /// <summary>
    /// The client reports the outcome of a selective wipe: the pending request completes; a successful wipe removes the
    /// registration (spec 04), a failed one keeps it with the reason. A conflict when no request is pending.
    /// </summary>
    public async Task<ServiceResult<string>> RecordWipeResultAsync(string registrationId, bool succeeded, string? message, CancellationToken cancellationToken = default)
    {
        var result = await wipes.CompleteAsync(registrationId, succeeded, message, cancellationToken);
        if (!result.Succeeded)
        {
            return new ServiceResult<string>(result.Outcome, null, result.Problems);
        }
        var request = result.Value!;
        LogWipeResult(request.UserPrincipalName, request.AzureAdDeviceId, succeeded, message ?? "");
        return ServiceResult<string>.Success(request.RegistrationId);
    }

    private static async Task<DirectoryUser?> FindUserAsync(AdminCenterDbContext db, string userPrincipalName, CancellationToken cancellationToken)
    {
        var normalized = DirectoryUser.Normalize(userPrincipalName);
        return await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserPrincipalName == normalized, cancellationToken);
    }

    private static List<ValidationProblem> Validate(string? userPrincipalName, string? appId, string? azureAdDeviceId)
    {
        var problems = new List<ValidationProblem>();
        if (FieldRules.CheckRequired("userPrincipalName", userPrincipalName, FieldKind.UserPrincipalName) is { } upnProblem)
        {
            problems.Add(new("userPrincipalName", upnProblem));
        }
        if (appId != WindowsPolicyDraft.EdgeAppId)
        {
            problems.Add(new("appId", $"appId must be \"{WindowsPolicyDraft.EdgeAppId}\": Microsoft Edge is the Windows MAM app."));
        }
        if (FieldRules.CheckRequired("azureAdDeviceId", azureAdDeviceId, FieldKind.Identifier) is { } deviceProblem)
        {
            problems.Add(new("azureAdDeviceId", deviceProblem));
        }
        return problems;
    }

    // The registration fields a check-in reports (spec 04): optional, but never over-long or with control characters.
    private static void AddDeviceProblems(List<ValidationProblem> problems, CheckInRequest request)
    {
        Add("deviceName", request.DeviceName, FieldKind.Name);
        Add("deviceModel", request.DeviceModel, FieldKind.Name);
        Add("deviceManufacturer", request.DeviceManufacturer, FieldKind.Name);
        Add("platformVersion", request.PlatformVersion, FieldKind.Version);
        Add("appVersion", request.AppVersion, FieldKind.Version);
        Add("sdkVersion", request.SdkVersion, FieldKind.Version);

        void Add(string field, string? value, FieldKind kind)
        {
            if (FieldRules.Check(field, value, kind) is { } problem)
            {
                problems.Add(new(field, problem));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MAM enrollment: {User}, {App} on device {Device}")]
    private partial void LogEnrolled(string user, string app, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed out of {App} on device {Device}; the registration ended")]
    private partial void LogSignedOut(string user, string app, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wipe result from {User} on device {Device}: succeeded {Succeeded} {Message}")]
    private partial void LogWipeResult(string user, string device, bool succeeded, string message);
}
