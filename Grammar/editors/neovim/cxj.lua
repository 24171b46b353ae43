-- cxj in Neovim (0.10 or later): filetype detection and the language server.
-- Put this file in ~/.config/nvim/plugin/ (or source it from init.lua).
vim.filetype.add({ extension = { cxj = "cxj" } })

vim.api.nvim_create_autocmd("FileType", {
  pattern = "cxj",
  callback = function(args)
    vim.bo[args.buf].commentstring = "# %s"
    vim.lsp.start({
      name = "cxj",
      cmd = { "cxj", "lsp" },
      root_dir = vim.fs.root(args.buf, { "cxj.json", ".git" }),
    })
  end,
})
