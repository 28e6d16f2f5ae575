namespace AdminCenter.Components.Forms;

/// <summary>The base of a form section whose text fields are <see cref="TextFieldState"/>s drawn by <see cref="TextField"/>.</summary>
public abstract partial class FormSection;
