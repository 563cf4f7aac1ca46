import LifeCLI
LifeCommand.main()
