import ExcelJS from 'exceljs';

/**
 * Edits a workbook the way a person would in Excel: by sheet, header label and row number,
 * with no Carnet code involved.
 */
export async function editByHand(file: string, edit: (book: ExcelJS.Workbook, cell: (sheet: string, header: string, row: number) => ExcelJS.Cell) => void): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const cell = (sheet: string, header: string, row: number) => {
    const ws = book.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    let col = -1;
    ws.getRow(1).eachCell((c, n) => {
      if (String(c.value) === header) col = n;
    });
    if (col < 0) throw new Error(`no header ${header} in ${sheet}`);
    return ws.getCell(row, col);
  };
  edit(book, cell);
  await book.xlsx.writeFile(file);
}
