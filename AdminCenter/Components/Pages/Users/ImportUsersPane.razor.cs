using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AdminCenter.Components.Pages.Users;

public partial class ImportUsersPane
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private const long MaxFileBytes = 10 * 1024 * 1024;

    private string? csv;
    private string? fileName;
    private string? fileProblem;
    private UserImportReport? report;
    private bool busy;

    private MudTextField<string>? csvField;

    // A file that could not be read is the CSV field's message: the field's one source of errors is its Validation.
    private Func<string?, string?> fileCheck => _ => fileProblem;

    /// <summary>Raised after an import that changed the directory.</summary>
    [Parameter]
    public EventCallback<UserImportReport> OnImported { get; set; }

    [Parameter]
    public EventCallback OnClose { get; set; }

    private static Color StatusColor(UserImportStatus status) => status switch
    {
        UserImportStatus.Rejected => Color.Error,
        UserImportStatus.NotImported => Color.Default,
        _ => Color.Success,
    };

    private async Task LoadFileAsync(IBrowserFile? file)
    {
        await ReadFileAsync(file);
        if (csvField is not null)
        {
            await csvField.ValidateAsync();
        }
    }

    private async Task ReadFileAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        fileProblem = null;
        if (file.Size > MaxFileBytes)
        {
            fileProblem = $"{file.Name} is larger than 10 MB; split it into smaller files.";
            return;
        }
        busy = true;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(MaxFileBytes));
            csv = await reader.ReadToEndAsync();
            fileName = file.Name;
            report = null;
        }
        catch (IOException)
        {
            fileProblem = $"{file.Name} could not be read. Choose it again.";
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ImportAsync()
    {
        busy = true;
        try
        {
            var result = await Importer.ImportAsync(csv, await AuthenticationState.CurrentActorAsync());
            // Refused for a missing permission: shown where the import's outcome always shows, nothing imported.
            report = result.Value ?? new UserImportReport(false, result.Problems[0].Message, [], []);
            if (report.Imported)
            {
                await OnImported.InvokeAsync(report);
            }
        }
        finally
        {
            busy = false;
        }
    }
}
