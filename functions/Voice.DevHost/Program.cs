// DevHost entry point: replaced in the foundation work.
return 0;
